namespace Haven.Testing;

/// <summary>
/// Name of the xunit collection that shares one <see cref="PostgresServer"/> between test classes.
/// xunit 2 only finds collection definitions in the test assembly itself, so each test project
/// that wants it declares once:
/// <code>
/// [CollectionDefinition(PostgresCollection.Name)]
/// public sealed class PostgresCollectionDefinition : ICollectionFixture&lt;PostgresServer&gt;;
/// </code>
/// and its test classes carry <c>[Collection(PostgresCollection.Name)]</c> and take a
/// <see cref="PostgresServer"/> in their constructor. Classes in one collection do not run in
/// parallel; for parallel classes use <see cref="PostgresDatabase"/> as a class fixture instead.
/// </summary>
public static class PostgresCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Postgres";
}
