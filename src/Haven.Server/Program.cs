using Haven.Server.Accounts;
using Haven.Server.Age;
using Haven.Server.Audit;
using Haven.Server.ApiDocs;
using Haven.Server.Chat;
using Haven.Server.Cluster;
using Haven.Server.Consent;
using Haven.Server.Contacts;
using Haven.Server.Data;
using Haven.Server.Demo;
using Haven.Server.Errors;
using Haven.Server.Health;
using Haven.Server.Media;
using Haven.Server.MessageSafety;
using Haven.Server.Moderation;
using Haven.Server.Observability;
using Haven.Server.Presence;
using Haven.Server.Profiles;
using Haven.Server.Security;
using Haven.Server.Transparency;
using Haven.Server.Web;
using Haven.Server.Wellbeing;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddErrorHandling();
builder.Services.AddValidation();
builder.Services.AddHavenDatabase(builder.Configuration, builder.Environment);
builder.Services.AddAccounts(builder.Configuration);
builder.Services.AddChat(builder.Configuration); // first of the features with hub filters: its send order filter runs first
builder.Services.AddSecurity(builder.Configuration, builder.Environment);
builder.Services.AddProfiles();
builder.Services.AddContacts(builder.Configuration);
builder.Services.AddMedia(builder.Configuration);
builder.Services.AddCluster(builder.Configuration);
builder.Services.AddPresence();
builder.Services.AddObservability(builder.Configuration);
builder.Services.AddWellbeing(builder.Configuration);
builder.Services.AddAge(builder.Configuration, builder.Environment);
builder.Services.AddConsent();
builder.Services.AddMessageSafety(builder.Configuration);
builder.Services.AddAudit();
builder.Services.AddModeration(builder.Configuration);
builder.Services.AddTransparency();
builder.Services.AddHavenHealth();
builder.Services.AddApiDocs();
builder.Services.AddWebUi();
builder.Services.AddDemoData(builder.Environment);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebUiLocalization();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapHavenHealth();
app.MapObservability();
app.MapApiDocs(app.Environment);
app.MapAccounts();
app.MapSecurity();
app.MapProfiles();
app.MapContacts();
app.MapChat();
app.MapPresence();
app.MapMedia();
app.MapWellbeing();
app.MapAge();
app.MapConsent();
app.MapMessageSafety();
app.MapAudit();
app.MapModeration();
app.MapTransparency();
app.MapWebUi();

app.Run();

/// <summary>Entry point; public so integration tests can host it.</summary>
public partial class Program;
