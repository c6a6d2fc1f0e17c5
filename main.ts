import { loadAppConfig, ServiceTypesApp } from './app';
import { synth } from './lib';

// Renders the tutorial; settings come from --env, --config and --set (see app/config.ts).
synth(new ServiceTypesApp(loadAppConfig(process.argv.slice(2))));
