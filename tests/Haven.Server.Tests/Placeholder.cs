namespace Haven.Server.Tests;
