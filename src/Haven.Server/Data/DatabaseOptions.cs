using System.ComponentModel.DataAnnotations;

namespace Haven.Server.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Haven:Database";

    /// <summary>"Sqlite" (embedded default) or "Postgres".</summary>
    [Required, RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Haven:Database:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>For SQLite, defaults to a file under data/ next to the content root.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply migrations at start-up (one hosted service does it, before the app serves).</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
