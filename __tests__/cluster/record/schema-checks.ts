// Loaded before each unit test file when the unit tests run to record their verdicts
// (agreement.cluster.ts): every object the schema validators judge is logged with their
// violations. A validator called by another one logs nothing more.
import { SchemaValidator } from '../../../schema-validation';
import { CustomResourceValidator } from '../../../schema-validation/custom-resources';
import { logVerdict } from './log';

let depth = 0;
for (const prototype of [SchemaValidator.prototype, CustomResourceValidator.prototype]) {
  const validate = prototype.validate;
  prototype.validate = function (this: any, object: any) {
    depth++;
    try {
      const violations = validate.call(this, object);
      if (depth === 1) {
        logVerdict({
          checker: 'schema',
          problems: violations.map((v: any) => `${v.path}: ${v.message}`),
          objects: [object],
        });
      }
      return violations;
    } finally {
      depth--;
    }
  } as any;
}
