using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Text;
using DataMux.Datasets.Npm;
using DataMux.Testing;
using Xunit;

namespace DataMux.Datasets.Tests;

public sealed class TarballExtractorTests
{
    [Fact]
    public void Extract_writes_files_and_folders_under_the_destination()
    {
        using var root = new TemporaryFolder();
        var tarball = Tarball(("package/data/a.txt", "alpha"), ("package/b.txt", "beta"));

        TarballExtractor.Extract(tarball, Path.Combine(root.Path, "out"));

        Assert.Equal("alpha", File.ReadAllText(Path.Combine(root.Path, "out", "package", "data", "a.txt")));
        Assert.Equal("beta", File.ReadAllText(Path.Combine(root.Path, "out", "package", "b.txt")));
    }

    [Theory]
    [InlineData("../escaped.txt")]
    [InlineData("package/../../escaped.txt")]
    [InlineData("/tmp/datamux-absolute-escape.txt")]
    public void Extract_refuses_an_entry_outside_the_destination(string entryName)
    {
        using var root = new TemporaryFolder();
        var tarball = Tarball(("package/ok.txt", "fine"), (entryName, "evil"));

        var error = Assert.Throws<InvalidDataException>(() => TarballExtractor.Extract(tarball, Path.Combine(root.Path, "out")));

        Assert.Contains(entryName, error.Message);
        Assert.False(File.Exists(Path.Combine(root.Path, "escaped.txt")));
        Assert.False(File.Exists("/tmp/datamux-absolute-escape.txt"));
    }

    [Fact]
    public void Extract_skips_symbolic_links()
    {
        using var root = new TemporaryFolder();
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, "package/link") { LinkName = "/etc/passwd" });
        buffer.Position = 0;

        TarballExtractor.Extract(buffer, Path.Combine(root.Path, "out"));

        Assert.False(File.Exists(Path.Combine(root.Path, "out", "package", "link")));
    }

    [Fact]
    public void Extract_accepts_a_pax_global_header_and_writes_the_files()
    {
        // .NET's TarWriter names its global header entry with an absolute path; nothing is written for it.
        using var root = new TemporaryFolder();
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            writer.WriteEntry(new PaxGlobalExtendedAttributesTarEntry(new Dictionary<string, string> { ["comment"] = "global" }));
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "package/a.txt") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes("a")) });
        }
        buffer.Position = 0;

        TarballExtractor.Extract(buffer, Path.Combine(root.Path, "out"));

        Assert.Equal("a", File.ReadAllText(Path.Combine(root.Path, "out", "package", "a.txt")));
    }

    internal static MemoryStream Tarball(params (string Name, string Content)[] files)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new TarWriter(gzip))
        {
            foreach (var (name, content) in files)
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
        }
        buffer.Position = 0;
        return buffer;
    }
}
