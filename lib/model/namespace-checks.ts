/*
 * ValidateNamespace of Kubernetes 1.27 (pkg/apis/core/validation) for any Namespace, whoever
 * built it, and the namespaces the control plane owns.
 */
import { labelKey } from '../validation/formats';
import { NAMESPACE_OBJECT_RULES } from './object-check-rules';
import { at, CheckOptions, FindingCollector, list } from './object-findings';
import { KubeObject } from './objects';
import { isSystemNamespace } from './namespace-updates';

/** IsStandardFinalizerName: the finalizers that need no '/' prefix. */
const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

/**
 * ValidateNamespace's spec rules (its metadata is checked as every object's). On update the
 * strategy keeps the stored finalizers (namespaceStrategy.PrepareForUpdate), so they are not checked.
 */
export function checkNamespace(c: FindingCollector, object: KubeObject, options: CheckOptions): void {
  if (options.operation === 'update') {
    return;
  }
  list(object.spec?.finalizers).forEach((name: unknown, i: number) => {
    const text = String(name);
    const problem =
      labelKey(text) ??
      (text.includes('/') || STANDARD_FINALIZERS.includes(text)
        ? undefined
        : 'is neither a standard finalizer name (kubernetes, orphan, foregroundDeletion) nor fully qualified');
    c.check(NAMESPACE_OBJECT_RULES.finalizer, at('spec.finalizers', i), name, problem);
  });
}

/** The warning for an object in, or a Namespace object of, a namespace the control plane owns. */
export function checkSystemNamespace(c: FindingCollector, object: KubeObject): void {
  const isNamespace = object.kind === 'Namespace';
  const namespace = isNamespace ? object.metadata?.name : object.metadata?.namespace;
  if (typeof namespace === 'string' && isSystemNamespace(namespace)) {
    c.check(
      NAMESPACE_OBJECT_RULES.system,
      isNamespace ? 'metadata.name' : 'metadata.namespace',
      namespace,
      'is a namespace the control plane owns: it holds objects of other components, and no plan advises deleting it',
    );
  }
}
