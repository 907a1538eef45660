using System;
using System.Collections.Generic;
using System.IO;

namespace DataMux.Native.Tests;

/// <summary>
/// PATH for a machine without patchelf, inside a test's own folder: every program of this machine's PATH except
/// patchelf, linked into <c>machine-bin</c>, plus two fakes in place of their links: <c>id</c>, which says root for
/// <c>-u</c> (the fix-up installs packages only as root), and <c>apt-get</c>, whose script the test gives. Nothing
/// outside the folder is written: a fake replaces its link, never the program the link points to.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal sealed class MachineWithoutPatchelf
{
    /// <param name="folder">A folder the test made (the links and fakes go to its <c>machine-bin</c>).</param>
    /// <param name="aptGet">The fake apt-get's body, given the bin folder and the real patchelf (null when this machine has none).</param>
    /// <param name="path">The PATH whose programs are linked; null means this process's.</param>
    public MachineWithoutPatchelf(string folder, Func<string, string?, string> aptGet, string? path = null)
    {
        Bin = Directory.CreateDirectory(Path.Combine(folder, "machine-bin")).FullName;
        foreach (var directory in (path ?? System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Directory.Exists(directory)) continue;
            foreach (var program in Directory.EnumerateFiles(directory))
            {
                var name = Path.GetFileName(program);
                if (name == "patchelf") { RealPatchelf ??= program; continue; }
                var link = Path.Combine(Bin, name);
                if (!File.Exists(link)) File.CreateSymbolicLink(link, program);
            }
        }

        var realId = Path.Combine(Bin, "id");
        var id = File.Exists(realId) ? File.ResolveLinkTarget(realId, returnFinalTarget: true)?.FullName ?? "/usr/bin/id" : "/usr/bin/id";
        Script("id", $"[ \"$1\" = -u ] && echo 0 || exec \"{id}\" \"$@\"");
        Script("apt-get", aptGet(Bin, RealPatchelf));
    }

    /// <summary>The folder that is the machine's PATH.</summary>
    public string Bin { get; }

    /// <summary>This machine's patchelf, left out of <see cref="Bin"/>; null when it has none.</summary>
    public string? RealPatchelf { get; }

    /// <summary>The environment that gives a process this machine's PATH.</summary>
    public Dictionary<string, string> Environment() => new() { ["PATH"] = Bin };

    /// <summary>
    /// Puts a fake program in <see cref="Bin"/> in place of the link to the real one: the link is removed first
    /// (deleting a link never touches its target) and the script is created new, so that a link left in place fails
    /// the test instead of the machine's program being rewritten through it.
    /// </summary>
    private void Script(string name, string body)
    {
        var path = Path.Combine(Bin, name);
        File.Delete(path);
        using (var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute,
        }))
        using (var writer = new StreamWriter(file)) writer.Write("#!/bin/sh\n" + body + "\n");
        if (File.ResolveLinkTarget(path, returnFinalTarget: false) is not null)
            throw new InvalidOperationException($"{path} is still a link after it was replaced by a script");
    }
}
