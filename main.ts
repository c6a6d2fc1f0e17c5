import { loadAppConfig, ServiceTypesApp } from './lib';

// Renders the tutorial; settings come from --env, --config and --set (see lib/app-config.ts).
new ServiceTypesApp(loadAppConfig(process.argv.slice(2))).synth();
