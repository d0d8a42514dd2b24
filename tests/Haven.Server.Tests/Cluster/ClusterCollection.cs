namespace Haven.Server.Tests.Cluster;

/// <summary>
/// The cluster test classes run one at a time, each on its own <see cref="ClusterFixture"/>: they start real
/// processes and kill nodes and Redis. The definition takes no fixture itself, or xunit would start a second
/// cluster per class from it and never stop that one.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "Cluster";
}
