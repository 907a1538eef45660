using System;
using System.IO;

namespace DataMux.Datasets;

/// <summary>
/// Where downloaded data sets live: outside the repository, so that nothing fetched is ever committed.
/// Resolution order: the <c>DATAMUX_CACHE</c> environment variable, then <c>$XDG_CACHE_HOME/datamux</c>,
/// then <c>~/.cache/datamux</c>.
/// </summary>
public static class DatasetCache
{
    /// <summary>The environment variable that overrides the cache folder.</summary>
    public const string EnvironmentVariable = "DATAMUX_CACHE";

    /// <summary>The cache folder for the current process environment.</summary>
    public static string DefaultRoot() => ResolveRoot(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>
    /// Resolves the cache folder from <paramref name="getEnvironment"/> (an environment lookup) and the user's
    /// <paramref name="home"/> folder. Separate from <see cref="DefaultRoot"/> so the rules can be tested without
    /// changing the process environment.
    /// </summary>
    public static string ResolveRoot(Func<string, string?> getEnvironment, string home)
    {
        ArgumentNullException.ThrowIfNull(getEnvironment);
        var explicitRoot = getEnvironment(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(explicitRoot))
        {
            // A relative folder would resolve against wherever the process starts, the repository included.
            return Path.IsPathRooted(explicitRoot)
                ? Path.GetFullPath(explicitRoot)
                : throw new InvalidOperationException($"Expected {EnvironmentVariable} to be an absolute folder, but got '{explicitRoot}'.");
        }

        var xdg = getEnvironment("XDG_CACHE_HOME");
        // The XDG spec says relative values are invalid and must be ignored.
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "datamux");

        if (string.IsNullOrWhiteSpace(home))
            throw new InvalidOperationException($"Cannot locate a cache folder: set {EnvironmentVariable} or XDG_CACHE_HOME (no home folder is known).");
        return Path.Combine(home, ".cache", "datamux");
    }
}
