namespace Haven.E2E.Tests;
