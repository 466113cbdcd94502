export { applyChanges } from './apply.js';
export { hasChanges, planChanges, type ChangePlan, type Ownership } from './plan.js';
export { listFiles } from './scan.js';
