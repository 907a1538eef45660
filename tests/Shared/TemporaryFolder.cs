using System;
using System.IO;

namespace DataMux.Testing;

/// <summary>
/// A folder of the test's own under the temporary folder (mode 700), deleted with everything in it on dispose.
/// Tests write files only here (or in the repository's build folders), never next to other programs' files.
/// </summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder(string prefix = "datamux-tests-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A path inside the folder (not created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
