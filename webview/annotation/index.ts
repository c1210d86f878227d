// Annotation in the webview: the pieces the list and pair view use, and their stylesheet.
import './annotation.css';
export { criterionEditor, type CommitCriterion } from './criterionEditor';
export { editedMark } from './editedMark';
export { labelButtons, type SetLabel } from './labelButtons';
export { reportTextFocus } from './textFocus';
