// Preloaded (`node --import`) into every benchmarked server, product and baseline alike: answers the
// parent's `cpu` message with this process's own CPU time, so CPU per update is measured in-process.
process.on('message', (message) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});
