using System;
using System.IO;
using DataMux.Testing;
using Xunit;

namespace DataMux.Native.Tests;

/// <summary>The fake machine of the consumer test writes only inside its own folder.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class MachineWithoutPatchelfTests : IDisposable
{
    private readonly TemporaryFolder folder = new("dmx-machine-");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Fakes_replace_their_links_and_leave_the_programs_they_pointed_to_alone()
    {
        // A stand-in for the machine's own programs, in a folder of this test's: the fakes must not write through
        // their links into them (the suite once replaced the system's apt-get that way).
        var system = Directory.CreateDirectory(folder.File("system-bin")).FullName;
        foreach (var name in new[] { "apt-get", "id", "patchelf", "ls" }) File.WriteAllText(Path.Combine(system, name), $"real {name}\n");

        var machine = new MachineWithoutPatchelf(folder.Path, (_, _) => "exit 7", path: system);

        foreach (var name in new[] { "apt-get", "id", "patchelf", "ls" })
            Assert.Equal($"real {name}\n", File.ReadAllText(Path.Combine(system, name)));
        Assert.Equal(Path.Combine(system, "patchelf"), machine.RealPatchelf);
        Assert.False(File.Exists(Path.Combine(machine.Bin, "patchelf")));
        Assert.Equal(Path.Combine(system, "ls"), File.ResolveLinkTarget(Path.Combine(machine.Bin, "ls"), returnFinalTarget: false)?.FullName);
        foreach (var fake in new[] { "apt-get", "id" })
        {
            var path = Path.Combine(machine.Bin, fake);
            Assert.Null(File.ResolveLinkTarget(path, returnFinalTarget: false));
            Assert.StartsWith("#!/bin/sh\n", File.ReadAllText(path));
        }
        Assert.EndsWith("exit 7\n", File.ReadAllText(Path.Combine(machine.Bin, "apt-get")));
    }
}
