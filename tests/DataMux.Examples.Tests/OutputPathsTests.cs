using System;
using System.IO;
using DataMux.Examples.Common;
using Xunit;

namespace DataMux.Examples.Tests;

public sealed class OutputPathsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("datamux-output-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_new_file_in_an_existing_folder_passes_and_is_not_left_behind()
    {
        var path = Path.Combine(folder, "results.csv");

        Assert.Null(OutputPaths.Problem("--csv", path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void An_existing_file_passes_and_keeps_its_content()
    {
        var path = Path.Combine(folder, "results.csv");
        File.WriteAllText(path, "kept");

        Assert.Null(OutputPaths.Problem("--csv", path));
        Assert.Equal("kept", File.ReadAllText(path));
    }

    [Fact]
    public void A_folder_in_the_files_place_is_a_problem()
    {
        Assert.Equal($"--csv: expected a file name, but '{folder}' is a folder.", OutputPaths.Problem("--csv", folder));
    }

    [Fact]
    public void A_link_to_nothing_is_a_problem_and_nothing_is_created()
    {
        var link = Path.Combine(folder, "link.csv");
        var target = Path.Combine(folder, "missing", "results.csv");
        File.CreateSymbolicLink(link, target);

        Assert.Contains("is a link to", OutputPaths.Problem("--csv", link));
        Assert.False(File.Exists(target));
    }

    [Fact]
    public void A_special_file_is_not_opened()
    {
        // /dev/null is a fine place for a CSV; a FIFO without a reader would have blocked an open.
        Assert.Null(OutputPaths.Problem("--csv", "/dev/null"));
    }

    [Fact]
    public void Probing_a_new_file_leaves_the_folder_as_it_was()
    {
        Assert.Null(OutputPaths.Problem("--csv", Path.Combine(folder, "new.csv")));

        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    [Fact]
    public void A_file_in_a_missing_folder_is_a_problem()
    {
        var path = Path.Combine(folder, "missing", "plot.png");

        Assert.Contains("does not exist", OutputPaths.Problem("--plot", path));
    }
}
