export * from './account';
export * from './deal';
export * from './fields';
export * from './money';
export * from './page';
export * from './pipeline';
export * from './task';
