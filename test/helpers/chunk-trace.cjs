'use strict';
// Preloaded with `node --require` into a CLI process: on exit, writes the base names of the files of the built
// bundle (out/main) the process loaded, one a line, to the file named by AUTHBENCH_TRACE_CHUNKS.
const { writeFileSync } = require('node:fs');
const { basename, sep } = require('node:path');

const outMain = `${sep}out${sep}main${sep}`;
process.on('exit', () => {
  const loaded = Object.keys(require.cache)
    .filter((file) => file.includes(outMain))
    .map((file) => basename(file));
  writeFileSync(process.env.AUTHBENCH_TRACE_CHUNKS, `${loaded.join('\n')}\n`);
});
