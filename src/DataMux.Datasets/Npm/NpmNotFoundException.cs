using System;

namespace DataMux.Datasets.Npm;

/// <summary>Thrown when the npm command-line client, needed to download a data set, cannot be started.</summary>
public sealed class NpmNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception for the package <paramref name="package"/> (<c>name@version</c>).</summary>
    public NpmNotFoundException(string package, string executable, Exception? inner = null)
        : base($"npm (Node.js) is required to download {package}; install it (Debian: apt-get install npm). Tried to start '{executable}'.", inner)
    {
        Package = package;
        Executable = executable;
    }

    /// <summary>The package that was being downloaded (<c>name@version</c>).</summary>
    public string Package { get; }

    /// <summary>The npm executable that could not be started.</summary>
    public string Executable { get; }
}
