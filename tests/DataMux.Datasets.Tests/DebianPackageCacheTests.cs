using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DataMux.Datasets.Debian;
using DataMux.Testing;
using Xunit;

namespace DataMux.Datasets.Tests;

/// <summary>
/// The download, check and unpack steps, run against stand-ins for apt-get and dpkg-deb written into the test's own
/// folder (named fake-apt-get, fake-dpkg-deb and passed to the cache as file paths, so PATH and the system are not
/// touched and no network is used). The real tools are exercised by <see cref="FashionMnistTests"/>.
/// </summary>
public sealed class DebianPackageCacheTests
{
    private const string Name = "fake-data";
    private const string Version = "1.0~git1-2";
    private const string DebContent = "a stand-in .deb\n";
    // sha256sum of DebContent.
    private const string DebSha256 = "19553364a19b2098defecd86bc9c0a1c4c308c020d3f2ef7476df52e00e05a08";

    [Fact]
    public void GetPackage_downloads_checks_and_unpacks_once_then_serves_the_cached_folder()
    {
        using var root = new TemporaryFolder();
        var tools = new FakeTools(root);
        var cache = tools.Cache();
        Assert.Equal(DebSha256, tools.DebSha256);

        var folder = cache.GetPackage(Name, Version, tools.DebSha256);
        var again = cache.GetPackage(Name, Version, tools.DebSha256);

        Assert.Equal(Path.Combine(root.Path, "cache", "debian", $"{Name}_{Version}"), folder);
        Assert.Equal(folder, again);
        Assert.Equal(DebContent, File.ReadAllText(Path.Combine(folder, "usr", "share", "datasets", "fake", "payload")));
        Assert.True(cache.IsCached(Name, Version));
        Assert.Equal([$"download -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= {Name}={Version}"], tools.AptGetCalls());
        Assert.Single(tools.DpkgDebCalls());
        // Nothing left beside the folder but the lock file (kept on purpose: see CacheLock).
        Assert.Equal([folder, folder + ".lock"], Directory.GetFileSystemEntries(Path.Combine(root.Path, "cache", "debian")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_deb_with_another_checksum_is_refused_before_anything_is_unpacked()
    {
        using var root = new TemporaryFolder();
        var tools = new FakeTools(root);
        var cache = tools.Cache();
        var pinned = new string('0', 64);

        var error = Assert.Throws<InvalidDataException>(() => cache.GetPackage(Name, Version, pinned));

        Assert.Equal(
            $"Expected {Name}={Version}'s .deb to have the pinned SHA-256 {pinned}, but apt-get download served one with {tools.DebSha256} ('{Name}_{Version}_all.deb'); nothing was unpacked.",
            error.Message);
        Assert.Empty(tools.DpkgDebCalls());
        Assert.False(cache.IsCached(Name, Version));
        Assert.Equal([cache.PackageFolder(Name, Version) + ".lock"], Directory.GetFileSystemEntries(Path.Combine(root.Path, "cache", "debian")));
    }

    [Fact]
    public void A_folder_without_its_completion_marker_is_not_taken_for_a_finished_one()
    {
        using var root = new TemporaryFolder();
        var tools = new FakeTools(root);
        var cache = tools.Cache();
        var folder = cache.PackageFolder(Name, Version);
        // What a run killed half-way would leave if it unpacked in place, and the staging and download folders of one
        // killed before its move.
        Directory.CreateDirectory(Path.Combine(folder, "usr", "share"));
        File.WriteAllText(Path.Combine(folder, "usr", "share", "half-written"), "x");
        Directory.CreateDirectory(folder + ".staging");
        Directory.CreateDirectory(folder + ".download");
        Assert.False(cache.IsCached(Name, Version));

        Assert.Equal(folder, cache.GetPackage(Name, Version, tools.DebSha256));

        Assert.Single(tools.AptGetCalls());
        Assert.False(File.Exists(Path.Combine(folder, "usr", "share", "half-written")));
        Assert.True(File.Exists(Path.Combine(folder, "usr", "share", "datasets", "fake", "payload")));
        Assert.False(Directory.Exists(folder + ".staging"));
        Assert.False(Directory.Exists(folder + ".download"));
    }

    [Fact]
    public void A_folder_unpacked_from_a_deb_with_another_checksum_is_fetched_again()
    {
        using var root = new TemporaryFolder();
        var tools = new FakeTools(root);
        var cache = tools.Cache();
        var folder = cache.PackageFolder(Name, Version);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ".datamux-complete"), $"{Name}={Version}\n{new string('1', 64)}\n");

        Assert.Equal(folder, cache.GetPackage(Name, Version, tools.DebSha256));

        Assert.Single(tools.AptGetCalls());
        Assert.True(File.Exists(Path.Combine(folder, "usr", "share", "datasets", "fake", "payload")));
    }

    [Fact]
    public void An_unpacking_that_fails_half_way_leaves_no_folder_and_quotes_the_command_and_its_output()
    {
        using var root = new TemporaryFolder();
        var tools = new FakeTools(root, dpkgDebScript: "mkdir -p \"$3/usr/share\" && echo partial > \"$3/usr/share/half\"\necho 'dpkg-deb: error: archive has premature member' >&2\nexit 2\n");
        var cache = tools.Cache();

        var error = Assert.Throws<InvalidOperationException>(() => cache.GetPackage(Name, Version, tools.DebSha256));

        var folder = cache.PackageFolder(Name, Version);
        var deb = Path.Combine(folder + ".download", $"{Name}_{Version}_all.deb");
        Assert.Equal($"'{tools.DpkgDeb} -x {deb} {folder}.staging' failed with exit code 2. Its output:\ndpkg-deb: error: archive has premature member", error.Message);
        Assert.False(Directory.Exists(folder));
        Assert.False(Directory.Exists(folder + ".staging"));
        Assert.False(cache.IsCached(Name, Version));
    }

    [Fact]
    public void A_failing_apt_get_is_quoted_with_its_command_output_and_what_to_check()
    {
        using var root = new TemporaryFolder();
        var tools = new FakeTools(root, aptGetScript: "echo 'Reading package lists...'\necho \"E: Version '1.0~git1-2' for 'fake-data' was not found\" >&2\nexit 100\n");
        var cache = tools.Cache();

        var error = Assert.Throws<InvalidOperationException>(() => cache.GetPackage(Name, Version, tools.DebSha256));

        Assert.Equal(
            $"'{tools.AptGet} download -o Dir::Cache::pkgcache= -o Dir::Cache::srcpkgcache= {Name}={Version}' failed with exit code 100. Its output:\n"
            + "Reading package lists...\nE: Version '1.0~git1-2' for 'fake-data' was not found\n"
            + $"apt-get must know the pinned version: check that apt's sources (/etc/apt/sources.list, /etc/apt/sources.list.d) include a Debian release that has {Name}={Version} (main), and that 'apt-get update' has run.",
            error.Message);
        Assert.False(cache.IsCached(Name, Version));
    }

    [Fact]
    public void An_apt_get_that_writes_no_deb_is_an_error_saying_so()
    {
        using var root = new TemporaryFolder();
        var tools = new FakeTools(root, aptGetScript: "echo 'nothing fetched'\n");

        var error = Assert.Throws<InvalidOperationException>(() => tools.Cache().GetPackage(Name, Version, tools.DebSha256));

        Assert.EndsWith($"{Name}={Version}' to write exactly one .deb file; found 0. Its output:\nnothing fetched", error.Message);
    }

    [Fact]
    public void Without_apt_get_the_error_names_the_tool_and_where_it_comes_from()
    {
        using var root = new TemporaryFolder();
        var missing = Path.Combine(root.Path, "no-such-dir", "apt-get");
        var cache = new DebianPackageCache(Path.Combine(root.Path, "cache"), aptGetExecutable: missing);

        var error = Assert.Throws<DebianToolNotFoundException>(() => cache.GetPackage(Name, Version, DebSha256));

        Assert.StartsWith($"apt-get is required to download the Debian package {Name}={Version}, but '{missing}' could not be started (", error.Message);
        Assert.EndsWith("It is part of every Debian and Ubuntu system (package apt); on another system, run this on Debian 12 or later, or in a Debian container.", error.Message);
        Assert.Equal("apt-get", error.Tool);
        Assert.False(cache.IsCached(Name, Version));
    }

    [Fact]
    public void Without_dpkg_deb_the_error_names_it_and_nothing_is_cached()
    {
        using var root = new TemporaryFolder();
        var tools = new FakeTools(root);
        var missing = Path.Combine(root.Path, "no-such-dir", "dpkg-deb");
        var cache = new DebianPackageCache(Path.Combine(root.Path, "cache"), tools.AptGet, missing);

        var error = Assert.Throws<DebianToolNotFoundException>(() => cache.GetPackage(Name, Version, tools.DebSha256));

        Assert.StartsWith($"dpkg-deb is required to download the Debian package {Name}={Version}, but '{missing}' could not be started (", error.Message);
        Assert.Contains("(package dpkg)", error.Message);
        Assert.False(Directory.Exists(cache.PackageFolder(Name, Version)));
    }

    [Fact]
    public void A_download_that_runs_past_the_timeout_is_stopped_and_reported()
    {
        using var root = new TemporaryFolder();
        var tools = new FakeTools(root, aptGetScript: "echo 'Get:1 slow mirror'\nsleep 30\n");
        var cache = new DebianPackageCache(Path.Combine(root.Path, "cache"), tools.AptGet, tools.DpkgDeb, TimeSpan.FromMilliseconds(500));

        var error = Assert.Throws<InvalidOperationException>(() => cache.GetPackage(Name, Version, tools.DebSha256));

        Assert.EndsWith($"{Name}={Version}' did not finish within 1 s. Its output:\nGet:1 slow mirror", error.Message);
        Assert.False(cache.IsCached(Name, Version));
    }

    [Fact]
    public async Task Concurrent_calls_download_once_and_all_get_the_finished_folder()
    {
        using var root = new TemporaryFolder();
        var tools = new FakeTools(root, aptGetDelay: "sleep 0.5\n");
        var caches = Enumerable.Range(0, 4).Select(_ => tools.Cache()).ToArray();   // separate instances, one cache folder

        var folders = await Task.WhenAll(caches.Select(c => Task.Run(() => c.GetPackage(Name, Version, tools.DebSha256))));

        Assert.All(folders, f => Assert.Equal(caches[0].PackageFolder(Name, Version), f));
        Assert.Single(tools.AptGetCalls());
        Assert.True(File.Exists(Path.Combine(folders[0], "usr", "share", "datasets", "fake", "payload")));
    }

    [Fact]
    public async Task A_caller_waiting_for_another_process_takes_the_folder_that_process_finished()
    {
        using var root = new TemporaryFolder();
        var tools = new FakeTools(root);
        var cache = tools.Cache();
        var folder = cache.PackageFolder(Name, Version);
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        Task<string> waiting;
        // The other process's lock: the same exclusive open the cache makes.
        using (new FileStream(folder + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            waiting = Task.Run(() => cache.GetPackage(Name, Version, tools.DebSha256));
            await Task.Delay(400);
            Assert.False(waiting.IsCompleted);
            // The other process finishes: its folder appears whole (moved into place), marker included.
            tools.Cache(Path.Combine(root.Path, "other")).GetPackage(Name, Version, tools.DebSha256);
            Directory.Move(Path.Combine(root.Path, "other", "debian", $"{Name}_{Version}"), folder);
        }

        Assert.Equal(folder, await waiting);
        Assert.Single(tools.AptGetCalls());   // the other process's download only
    }

    [Fact]
    public void A_lock_held_too_long_is_an_error_that_says_so()
    {
        using var root = new TemporaryFolder();
        var cache = new DebianPackageCache(root.Path, timeout: TimeSpan.FromMilliseconds(300));
        var folder = cache.PackageFolder(Name, Version);
        Directory.CreateDirectory(Path.GetDirectoryName(folder)!);
        using var held = new FileStream(folder + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        var error = Assert.Throws<IOException>(() => cache.GetPackage(Name, Version, DebSha256));

        Assert.StartsWith($"Another process has held '{folder}.lock' (it downloads the same package) for over 1 s", error.Message);
    }

    [Theory]
    [InlineData("Fake-Data", "1.0-1", "a Debian package name")]
    [InlineData("../fake", "1.0-1", "a Debian package name")]
    [InlineData("fake data", "1.0-1", "a Debian package name")]
    [InlineData("fake", "latest", "an exact Debian version")]
    [InlineData("fake", "1.0-1 --allow-unauthenticated", "an exact Debian version")]
    [InlineData("fake", "1.0-1\n", "an exact Debian version")]
    [InlineData("fake", "1.\u0662", "an exact Debian version")]
    public void Names_and_versions_that_are_not_a_pinned_package_are_refused(string name, string version, string expected)
    {
        using var root = new TemporaryFolder();

        var error = Assert.Throws<ArgumentException>(() => new DebianPackageCache(root.Path).GetPackage(name, version, DebSha256));

        Assert.StartsWith($"Expected {expected}", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("19553364A19B2098DEFECD86BC9C0A1C4C308C020D3F2EF7476DF52E00E05A08")]
    [InlineData("sha256-abc")]
    public void A_checksum_that_is_not_64_lower_case_hex_digits_is_refused(string sha256)
    {
        using var root = new TemporaryFolder();

        var error = Assert.Throws<ArgumentException>(() => new DebianPackageCache(root.Path).GetPackage(Name, Version, sha256));

        Assert.StartsWith($"Expected the .deb's SHA-256 as 64 lower-case hex digits for {Name}={Version}; got '{sha256}'.", error.Message);
    }

    [Fact]
    public void An_epoch_in_the_version_is_written_as_Debian_writes_it_in_file_names()
    {
        using var root = new TemporaryFolder();

        Assert.Equal(Path.Combine(root.Path, "debian", "fake_1%3a2.0-1"), new DebianPackageCache(root.Path).PackageFolder("fake", "1:2.0-1"));
    }

    /// <summary>
    /// Shell-script stand-ins: fake-apt-get writes a .deb holding <see cref="DebContent"/> into its working folder (as
    /// <c>apt-get download</c> does) and logs its arguments; fake-dpkg-deb, for <c>-x DEB DEST</c>, copies the .deb to
    /// DEST/usr/share/datasets/fake/payload.
    /// </summary>
    private sealed class FakeTools
    {
        private readonly string folder;

        public FakeTools(TemporaryFolder root, string? aptGetScript = null, string? dpkgDebScript = null, string aptGetDelay = "")
        {
            folder = root.Path;
            var deb = Path.Combine(folder, "source.deb");
            File.WriteAllText(deb, DebContent);
            DebSha256 = DebianPackageCache.Sha256Of(deb);
            AptGet = Script("fake-apt-get", "printf '%s\\n' \"$*\" >> '" + folder + "/apt-get.calls'\n" + aptGetDelay
                + (aptGetScript ?? $"cp '{deb}' \"$PWD/{Name}_{Version}_all.deb\"\n"));
            DpkgDeb = Script("fake-dpkg-deb", "printf '%s\\n' \"$*\" >> '" + folder + "/dpkg-deb.calls'\n"
                + (dpkgDebScript ?? "mkdir -p \"$3/usr/share/datasets/fake\" && cp \"$2\" \"$3/usr/share/datasets/fake/payload\"\n"));
        }

        public string AptGet { get; }

        public string DpkgDeb { get; }

        public string DebSha256 { get; }

        public DebianPackageCache Cache(string? cacheRoot = null) => new(cacheRoot ?? Path.Combine(folder, "cache"), AptGet, DpkgDeb);

        public string[] AptGetCalls() => Calls("apt-get.calls");

        public string[] DpkgDebCalls() => Calls("dpkg-deb.calls");

        private string[] Calls(string file) => File.Exists(Path.Combine(folder, file)) ? File.ReadAllLines(Path.Combine(folder, file)) : [];

        private string Script(string name, string body)
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, "#!/bin/sh\n" + body);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return path;
        }
    }
}
