import { loadAppConfig, ServiceTypesApp } from './app';

// Renders the tutorial; settings come from --env, --config and --set (see app/config.ts).
new ServiceTypesApp(loadAppConfig(process.argv.slice(2))).synth();
