// What `service-types plan` needs besides rendering: reading renders, comparing them, printing.
export { diffObjects, FieldChange } from './diff';
export { Manifest, ManifestFile, PlanInputError, readManifests } from './manifests';
export { DEFAULT_PLAN_REF, readFolder, readPrevious, Render, Where } from './previous';
export { Action, Plan, PlanEntry, PlanOptions, planChanges } from './verdicts';
export { exitCode, formatJson, formatText, summarize } from './output';
