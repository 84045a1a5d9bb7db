namespace Incidents.Api.Infrastructure.Hosting;

/// <summary>
/// A setting missing or wrong at start. Its message says what to set; Program prints it and exits 1, because the
/// fix is the operator's and a stack trace would only hide it.
/// </summary>
public sealed class StartupConfigurationException(string message) : Exception(message)
{
    /// <summary>Binds a section, turning a value that does not convert (<c>School:OpenedOn=soon</c>) into this exception.</summary>
    public static T Read<T>(IConfiguration configuration, string section)
        where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            // The binder's message names the setting and the type it expected ("Failed to convert configuration value at ...").
            throw new StartupConfigurationException(e.Message);
        }
    }
}
