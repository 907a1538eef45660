using System.Collections.Generic;
using System.IO;
using Xunit;

namespace DataMux.Datasets.Tests;

public sealed class DatasetCacheTests
{
    [Fact]
    public void ResolveRoot_prefers_DATAMUX_CACHE()
    {
        var root = DatasetCache.ResolveRoot(Env(("DATAMUX_CACHE", "/data/dmx"), ("XDG_CACHE_HOME", "/xdg")), "/home/u");

        Assert.Equal("/data/dmx", root);
    }

    [Fact]
    public void ResolveRoot_uses_XDG_CACHE_HOME_then_the_home_folder()
    {
        Assert.Equal(Path.Combine("/xdg", "datamux"), DatasetCache.ResolveRoot(Env(("XDG_CACHE_HOME", "/xdg")), "/home/u"));
        Assert.Equal(Path.Combine("/home/u", ".cache", "datamux"), DatasetCache.ResolveRoot(Env(), "/home/u"));
    }

    [Fact]
    public void ResolveRoot_ignores_a_relative_XDG_CACHE_HOME()
    {
        Assert.Equal(Path.Combine("/home/u", ".cache", "datamux"), DatasetCache.ResolveRoot(Env(("XDG_CACHE_HOME", "relative")), "/home/u"));
    }

    [Fact]
    public void ResolveRoot_rejects_a_relative_DATAMUX_CACHE()
    {
        var error = Assert.Throws<System.InvalidOperationException>(() => DatasetCache.ResolveRoot(Env(("DATAMUX_CACHE", "cache")), "/home/u"));
        Assert.Equal("Expected DATAMUX_CACHE to be an absolute folder, but got 'cache'.", error.Message);
    }

    private static System.Func<string, string?> Env(params (string Key, string Value)[] values)
    {
        var map = new Dictionary<string, string>();
        foreach (var (key, value) in values) map[key] = value;
        return key => map.TryGetValue(key, out var v) ? v : null;
    }
}
