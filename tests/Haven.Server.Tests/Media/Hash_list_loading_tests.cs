using Haven.Server.Media;
using Haven.Testing;
using Haven.Testing.Server;
using Microsoft.EntityFrameworkCore;

namespace Haven.Server.Tests.Media;

public sealed class Hash_list_loading_tests
{
    [Fact]
    public async Task Hash_list_files_named_in_configuration_are_loaded_at_start_up()
    {
        var directory = TestTempDirectory.Create("hash-lists");
        try
        {
            var list = Path.Combine(directory, "ncii.pdq");
            await File.WriteAllTextAsync(list, "# supplied by a test NGO\nf8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22 bridge\nnot-a-hash\n");
            await using var app = HavenApp.Sqlite(directory, new Dictionary<string, string?>
            {
                ["Haven:Media:HashLists:0:Kind"] = "Ncii",
                ["Haven:Media:HashLists:0:Path"] = list,
                ["Haven:Media:HashLists:0:Source"] = "test-ngo",
            }).Start();

            var loaded = await app.QueryAsync(db => db.MediaHashes.AsNoTracking().ToListAsync());

            var hash = Assert.Single(loaded);
            Assert.Equal((HashListKind.Ncii, "test-ngo"), (hash.List, hash.Source));
            Assert.Equal("f8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22", hash.Hash);
        }
        finally
        {
            await TestTempDirectory.DeleteAsync(directory);
        }
    }
}
