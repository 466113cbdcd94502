export { renderFleet, type RenderResult } from './render-fleet.js';
export { imageOverrides } from './image-overrides.js';
