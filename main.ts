import { ServiceTypesApp } from './lib';

new ServiceTypesApp().synth();
