/** Says once, at the top of the run, which service-backed tests will be skipped and how to run them. */
export default function setup(): void {
  if (!process.env.REDIS_URL) {
    process.stdout.write(
      '\n[factdesk] REDIS_URL is not set: the Redis tests are SKIPPED. Run them with REDIS_URL=redis://127.0.0.1:6379 npm test\n\n',
    );
  }
}
