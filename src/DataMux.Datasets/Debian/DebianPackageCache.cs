using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace DataMux.Datasets.Debian;

/// <summary>
/// Downloads pinned Debian packages with <c>apt-get download</c> (no installation, no root needed), checks each
/// <c>.deb</c> against its pinned SHA-256, and keeps its files unpacked by <c>dpkg-deb -x</c> in the data-set cache
/// (<c>&lt;cache&gt;/debian/name_version/usr/...</c>). A package is fetched once; later calls return the cached folder
/// without starting apt-get.
/// </summary>
public sealed partial class DebianPackageCache
{

    /// <summary>Creates a cache.</summary>
    /// <param name="cacheRoot">The data-set cache folder; null means <see cref="DatasetCache.DefaultRoot"/>.</param>
    /// <param name="aptGetExecutable">The apt-get to run: a command name looked up on PATH, or a file path.</param>
    /// <param name="dpkgDebExecutable">The dpkg-deb to run: a command name looked up on PATH, or a file path.</param>
    /// <param name="timeout">How long one download (or one unpacking) may take; null means ten minutes.</param>
    public DebianPackageCache(string? cacheRoot = null, string aptGetExecutable = "apt-get", string dpkgDebExecutable = "dpkg-deb", TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aptGetExecutable);
        ArgumentException.ThrowIfNullOrWhiteSpace(dpkgDebExecutable);
        Root = Path.GetFullPath(cacheRoot ?? DatasetCache.DefaultRoot());
        AptGetExecutable = aptGetExecutable;
        DpkgDebExecutable = dpkgDebExecutable;
        Timeout = timeout ?? TimeSpan.FromMinutes(10);
        if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Expected a positive timeout.");
    }

    /// <summary>The data-set cache folder (Debian packages go under its <c>debian</c> subfolder).</summary>
    public string Root { get; }

    /// <summary>The apt-get that is started for downloads.</summary>
    public string AptGetExecutable { get; }

    /// <summary>The dpkg-deb that is started to unpack a downloaded package.</summary>
    public string DpkgDebExecutable { get; }

    /// <summary>How long one download, and one unpacking, may take before the tool is stopped.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The folder a package is (or would be) unpacked to: the package's files at their paths below it (<c>usr/share/...</c>).</summary>
    public string PackageFolder(string name, string version)
    {
        Validate(name, version);
        // An epoch's ':' is not allowed in Windows file names; Debian's own .deb file names write it as %3a.
        return Path.Combine(Root, "debian", $"{name}_{version.Replace(":", "%3a", StringComparison.Ordinal)}");
    }

    /// <summary>Whether the package is fully unpacked in the cache (no download needed).</summary>
    public bool IsCached(string name, string version) => File.Exists(Path.Combine(PackageFolder(name, version), CompleteFolder.MarkerName));

    /// <summary>
    /// Returns the folder holding the unpacked package <paramref name="name"/>=<paramref name="version"/>, downloading
    /// and unpacking it first when it is not cached (or only partly unpacked, or unpacked from a .deb with another
    /// checksum).
    /// </summary>
    /// <param name="name">The Debian package name.</param>
    /// <param name="version">The exact Debian version (<c>apt-cache policy NAME</c>).</param>
    /// <param name="sha256">The <c>.deb</c>'s SHA-256 (<c>apt-cache show NAME=VERSION</c>, field SHA256), lower-case hex: a package with other content is refused before anything is unpacked.</param>
    /// <exception cref="DebianToolNotFoundException">apt-get or dpkg-deb cannot be started.</exception>
    /// <exception cref="InvalidOperationException">apt-get or dpkg-deb failed or timed out (the command and its output are included).</exception>
    /// <exception cref="InvalidDataException">The downloaded .deb does not have the pinned SHA-256.</exception>
    public string GetPackage(string name, string version, string sha256)
    {
        var folder = PackageFolder(name, version);
        ArgumentNullException.ThrowIfNull(sha256);
        if (!Sha256Hex().IsMatch(sha256))
            throw new ArgumentException($"Expected the .deb's SHA-256 as 64 lower-case hex digits for {name}={version}; got '{sha256}'.", nameof(sha256));
        // The holder of the lock may need a download and an unpacking, each up to Timeout: wait for that long.
        return CompleteFolder.GetOrFill(folder, Root, 2 * Timeout, sha256, (download, staging) =>
        {
            var package = $"{name}={version}";
            var deb = Download(package, download);
            var actual = Sha256Of(deb);
            if (actual != sha256)
            {
                throw new InvalidDataException(
                    $"Expected {package}'s .deb to have the pinned SHA-256 {sha256}, but apt-get download served one with {actual} ('{Path.GetFileName(deb)}'); nothing was unpacked.");
            }

            Unpack(package, deb, staging);
            return (package, actual);
        });
    }

    /// <summary>The SHA-256 of a file, lower-case hex (the form <c>sha256sum</c> and apt print).</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private string Download(string package, string destination)
    {
        // Empty binary-cache paths: apt builds its package index in memory instead of (re)writing /var/cache/apt, so a
        // download writes nothing outside the destination.
        string[] arguments = ["download", "-o", "Dir::Cache::pkgcache=", "-o", "Dir::Cache::srcpkgcache=", package];
        var command = $"{AptGetExecutable} {string.Join(' ', arguments)}";
        var run = ExternalTool.Run(AptGetExecutable, arguments, destination, Timeout);
        if (!run.Started) throw new DebianToolNotFoundException(package, "apt-get", AptGetExecutable, run.StartError);
        if (run.TimedOut)
            throw new InvalidOperationException($"'{command}' did not finish within {Timeout.TotalSeconds:0} s. Its output:\n{run.OutputTail()}");
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{command}' failed with exit code {run.ExitCode}. Its output:\n{run.OutputTail()}\n"
                + $"apt-get must know the pinned version: check that apt's sources (/etc/apt/sources.list, /etc/apt/sources.list.d) include a Debian release that has {package} (main), and that 'apt-get update' has run.");
        }

        var debs = Directory.GetFiles(destination, "*.deb");
        return debs.Length == 1
            ? debs[0]
            : throw new InvalidOperationException($"Expected '{command}' to write exactly one .deb file; found {debs.Length}. Its output:\n{run.OutputTail()}");
    }

    private void Unpack(string package, string deb, string destination)
    {
        string[] arguments = ["-x", deb, destination];
        var command = $"{DpkgDebExecutable} {string.Join(' ', arguments)}";
        var run = ExternalTool.Run(DpkgDebExecutable, arguments, Path.GetDirectoryName(deb)!, Timeout);
        if (!run.Started) throw new DebianToolNotFoundException(package, "dpkg-deb", DpkgDebExecutable, run.StartError);
        if (run.TimedOut)
            throw new InvalidOperationException($"'{command}' did not finish within {Timeout.TotalSeconds:0} s. Its output:\n{run.OutputTail()}");
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"'{command}' failed with exit code {run.ExitCode}. Its output:\n{run.OutputTail()}");
        if (!Directory.Exists(destination))
            throw new InvalidOperationException($"Expected '{command}' to unpack {package} into '{destination}'; the folder was not created. Its output:\n{run.OutputTail()}");
    }

    private static void Validate(string name, string version)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(version);
        if (!PackageName().IsMatch(name))
            throw new ArgumentException($"Expected a Debian package name (lower-case letters, digits, '+', '-', '.', starting with a letter or digit); got '{name}'.", nameof(name));
        if (!ExactVersion().IsMatch(version))
            throw new ArgumentException($"Expected an exact Debian version such as 1.2-3 or 0.0~git20200523.55506a9-1 (optional epoch N:); got '{version}'.", nameof(version));
    }

    // Debian policy 5.6.1 and 5.6.12; \z, not $ (which also matches before a final newline); [0-9], not \d (which
    // matches any Unicode digit).
    [GeneratedRegex(@"\A[a-z0-9][a-z0-9+.-]+\z")]
    private static partial Regex PackageName();

    [GeneratedRegex(@"\A([0-9]+:)?[0-9][A-Za-z0-9.+~-]*\z")]
    private static partial Regex ExactVersion();

    [GeneratedRegex(@"\A[0-9a-f]{64}\z")]
    private static partial Regex Sha256Hex();
}
