export { default } from '@fleetform/vitest-config';
