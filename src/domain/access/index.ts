export * from './roles.ts';
export * from './navigation.ts';
