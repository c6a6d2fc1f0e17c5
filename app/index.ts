// The tutorial as a cdk8s app, built on the library: the app class and its settings.
export * from './service-types-app';
export * from './config';
