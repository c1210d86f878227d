// Annotation in the webview: the pieces the list and pair view use, and their stylesheet.
import './annotation.css';
export { criterionEditor, type CommitCriterion } from './criterionEditor';
export { changedMark, editedMark } from './editedMark';
export { EditNotice } from './editNotice';
export { isTextField, isWorkbenchKey, LabelKeyGate } from './keyFocus';
export { labelButtons, type SetLabel } from './labelButtons';
