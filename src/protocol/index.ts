export * from './deal-patch';
export * from './messages';
