using System;
using System.IO;

namespace Throughput.Cli;

/// <summary>Checks, before minutes of timing, that the files a run writes at its end can be written.</summary>
internal static class OutputPaths
{
    /// <summary>
    /// Null when <paramref name="path"/> can be written, else what is wrong, for <paramref name="option"/>'s message:
    /// a folder that does not exist, a folder in the file's place, or a file that cannot be opened for writing (a
    /// read-only file or folder). A file the probe had to create is deleted again.
    /// </summary>
    public static string? Problem(string option, string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full)) return $"{option}: expected a file name, but '{path}' is a folder.";
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
            return $"{option}: expected a file in an existing folder, but '{folder}' (for '{path}') does not exist.";
        var existed = File.Exists(full);
        try
        {
            using (new FileStream(full, FileMode.OpenOrCreate, FileAccess.Write)) { }
            if (!existed) File.Delete(full);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"{option}: expected a file that can be written, but '{path}' cannot: {e.Message}";
        }
    }
}
