// Starts a TypeScript worker entry when the project runs from source (the test runner); compiled
// builds start the .js entry directly. tsx is a development dependency.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.tsEntry, import.meta.url);
