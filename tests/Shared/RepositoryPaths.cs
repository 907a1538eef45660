using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace DataMux.Testing;

/// <summary>
/// Where the repository's files are for tests that read them (snapshots, docs, scripts). The root comes from
/// assembly metadata written at build time (tests/Directory.Build.props), not from <c>[CallerFilePath]</c>: CI builds
/// (<c>ContinuousIntegrationBuild</c>) map the repository to <c>/_/</c> in every compiled path.
/// </summary>
internal static class RepositoryPaths
{
    private const string MappedRoot = "/_/";

    /// <summary>The folder holding DataMux.Generators.sln, as it was when the tests were built.</summary>
    public static string Root { get; } = ReadRoot();

    /// <summary>The file a compiled path (from <c>[CallerFilePath]</c>) names, whether or not the build mapped it.</summary>
    public static string SourceFile(string compiledPath) =>
        compiledPath.StartsWith(MappedRoot, StringComparison.Ordinal)
            ? Path.Combine(Root, compiledPath[MappedRoot.Length..])
            : compiledPath;

    private static string ReadRoot()
    {
        var root = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (string.IsNullOrEmpty(root) || !File.Exists(Path.Combine(root, "DataMux.Generators.sln")))
        {
            throw new InvalidOperationException(
                $"Expected the assembly metadata RepositoryRoot to name the folder holding DataMux.Generators.sln, but got '{root}'.");
        }

        return root;
    }
}
