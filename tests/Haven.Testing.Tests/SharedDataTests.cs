namespace Haven.Testing.Tests;

public sealed class SharedDataTests
{
    [Fact]
    public void Finds_the_shared_data_folder_beside_the_repository()
    {
        var directory = SharedData.DataDirectory;

        Assert.True(Directory.Exists(directory));
        Assert.Equal("data", Path.GetFileName(directory));
        Assert.Equal("shared", Path.GetFileName(Path.GetDirectoryName(directory)));
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(directory));
    }

    [Fact]
    public void Walks_up_from_a_nested_folder_and_returns_null_when_there_is_none()
    {
        var root = TestTempDirectory.Create("shareddata");
        try
        {
            var nested = Directory.CreateDirectory(Path.Combine(root, "main", "tests", "bin", "Debug")).FullName;
            var before = SharedData.FindAbove(nested);
            Assert.False(before is not null && before.StartsWith(root, StringComparison.Ordinal), before);

            var data = Directory.CreateDirectory(Path.Combine(root, "shared", "data")).FullName;

            Assert.Equal(data, SharedData.FindAbove(nested));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void GetPath_returns_existing_entries()
    {
        var readme = SharedData.GetPath("README.md");

        Assert.True(File.Exists(readme));
        Assert.Equal(SharedData.DataDirectory, Path.GetDirectoryName(readme));
    }

    [Fact]
    public void GetPath_names_a_missing_file_clearly()
    {
        var failure = Assert.Throws<FileNotFoundException>(() => SharedData.GetPath("no-such-file.tsv"));

        Assert.Contains("no-such-file.tsv", failure.Message, StringComparison.Ordinal);
    }
}
