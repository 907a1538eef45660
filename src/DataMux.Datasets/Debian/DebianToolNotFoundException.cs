using System;

namespace DataMux.Datasets.Debian;

/// <summary>
/// Thrown when a Debian package tool (<c>apt-get</c> to download, <c>dpkg-deb</c> to unpack), needed to fetch a data
/// set, cannot be started.
/// </summary>
public sealed class DebianToolNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="tool"/>, started as <paramref name="executable"/>, while fetching <paramref name="package"/> (<c>name=version</c>).</summary>
    public DebianToolNotFoundException(string package, string tool, string executable, Exception? inner = null)
        : base($"{tool} is required to download the Debian package {package}, but '{executable}' could not be started ({inner?.Message ?? "no process"}). "
            + $"It is part of every Debian and Ubuntu system (package {(tool == "dpkg-deb" ? "dpkg" : "apt")}); on another system, run this on Debian 12 or later, or in a Debian container.", inner)
    {
        Package = package;
        Tool = tool;
        Executable = executable;
    }

    /// <summary>The package that was being fetched (<c>name=version</c>).</summary>
    public string Package { get; }

    /// <summary>The tool that was needed: <c>apt-get</c> or <c>dpkg-deb</c>.</summary>
    public string Tool { get; }

    /// <summary>The executable that could not be started.</summary>
    public string Executable { get; }
}
