export * from './gateway';
export * from './http-route';
export * from './reference-grant';
