using Xunit;

// Several tests assert determinism through torch's process-wide random generator (Seeding.Scope, dropout, model
// construction). Test classes running in parallel would draw from that generator concurrently and make those
// assertions flaky, so the suite runs sequentially.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
