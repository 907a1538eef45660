using System;
using System.Linq;
using TorchSharp;
using Xunit;

namespace DataMux.Tests;

public class SeedingAndDevicesTests
{
    [Fact]
    public void Scope_is_deterministic_and_restores_the_callers_state()
    {
        torch.random.manual_seed(42);
        var expectedAfter = torch.rand(3).data<float>().ToArray();

        torch.random.manual_seed(42);
        float[] first, second;
        using (Seeding.Scope(5)) first = torch.rand(3).data<float>().ToArray();
        Assert.Equal(expectedAfter, torch.rand(3).data<float>().ToArray());
        using (Seeding.Scope(5)) second = torch.rand(3).data<float>().ToArray();
        Assert.Equal(first, second);
        using (Seeding.Scope(6)) Assert.NotEqual(first, torch.rand(3).data<float>().ToArray());
    }

    [Fact]
    public void Scope_survives_an_enclosing_dispose_scope()
    {
        IDisposable seeding;
        using (torch.NewDisposeScope()) seeding = Seeding.Scope(1);
        seeding.Dispose();   // would throw on a disposed state tensor
    }

    [Theory]
    [InlineData("cpu")]
    [InlineData("CPU")]
    public void Cpu_resolves_to_cpu(string request) => Assert.Equal(DeviceType.CPU, Devices.Resolve(request).type);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auto")]
    public void Auto_picks_cuda_only_when_available(string? request)
        => Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, Devices.Resolve(request).type);

    [Fact]
    public void Explicit_cuda_never_falls_back()
    {
        if (torch.cuda.is_available())
        {
            Assert.Equal(DeviceType.CUDA, Devices.Resolve("cuda").type);
            return;
        }

        var error = Assert.Throws<InvalidOperationException>(() => Devices.Resolve("cuda"));
        Assert.Contains("CUDA is not available", error.Message);
        Assert.Contains("-p:TorchBackend=cuda", error.Message);
        Assert.Throws<InvalidOperationException>(() => Devices.Resolve("cuda:0"));
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:-0")]   // signs and spaces passed int.TryParse's defaults as index 0
    [InlineData("cuda:+0")]
    [InlineData("cuda: 0")]
    public void Unknown_requests_are_rejected(string request)
    {
        var error = Assert.Throws<ArgumentException>(() => Devices.Resolve(request));
        Assert.Contains(request, error.Message);
    }
}
