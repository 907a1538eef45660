using Xunit;

// Generated constructors seed torch's process-wide random generator for their weights (Seeding.Scope, which says not
// to construct models on several threads at once). Test classes running in parallel did construct models at the same
// time, so a model could start from other weights than its seed gives; once, in a full run of the solution's tests
// under load, the training test reached 80.8% held out instead of its usual 100%. The suite runs sequentially, as
// DataMux.Tests does for the same reason.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
