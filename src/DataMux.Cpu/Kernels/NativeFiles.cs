using System;
using System.IO;

namespace DataMux.Cpu;

/// <summary>Where the runtime's own small native libraries are next to a program.</summary>
internal static class NativeFiles
{
    /// <summary>
    /// The path of <paramref name="file"/>: in the program's folder, where a project reference copies it, or under
    /// <c>runtimes/linux-x64/native/</c> there, where the DataMux package's native assets land; null when in neither.
    /// </summary>
    public static string? Find(string file)
    {
        foreach (var folder in new[] { AppContext.BaseDirectory, Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native") })
        {
            var path = Path.Combine(folder, file);
            if (File.Exists(path)) return path;
        }

        return null;
    }
}
