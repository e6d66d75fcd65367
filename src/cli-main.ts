// Runs the CLI from source (tests spawn it under tsx); bin/ciport.js runs the compiled copy.
import { main } from './cli.js';

main(process.argv);
