export const appDir = (app: string): string => `apps/${app}`;
export const baseDir = (app: string): string => `apps/${app}/base`;
export const overlayDir = (app: string, overlay: string): string => `apps/${app}/overlays/${overlay}`;
export const clusterDir = (cluster: string): string => `clusters/${cluster}`;
