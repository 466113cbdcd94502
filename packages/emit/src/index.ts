export { applyChanges } from './apply.js';
export { hasChanges, planChanges, UnsafePathError, unsafePathReason, type ChangePlan, type Ownership } from './plan.js';
export { listFiles } from './scan.js';
export { JOURNAL_FILE, TEMP_SUFFIX } from './journal.js';
export { findTornState, recoverInterruptedRender, type TornState } from './recover.js';
export { LOCK_FILE, LockedError, withWriteLock } from './lock.js';
