// Work done once per site: a lease in the register that one terminal holds at a time, runs out when its
// holder dies, and decides which terminal re-verifies after an outage. Runs on both engines.

#include <catch2/catch.hpp>

#include "app/core/error.h"
#include "app/jobs/data_folder.h"
#include "app/jobs/reverification.h"
#include "db/site_lease.h"
#include "tests/support/temp_dir.h"

using namespace rececon;

TEST_CASE("A site lease is held by one terminal at a time until it is given back or runs out", "[lease]") {
  test::TempDir dir;
  DataFolder folder(dir.path());
  db::SiteLeases leases(folder.database());
  CHECK(leases.take("reverify", "T1:100", 1000, 1600));
  CHECK_FALSE(leases.take("reverify", "T2:200", 1001, 1601));  // held elsewhere
  CHECK(leases.take("reverify", "T1:100", 1300, 1900));        // its holder extends it
  CHECK(leases.find("reverify")->until == 1900);
  CHECK(leases.take("other-work", "T2:200", 1301, 1400));      // leases are by name
  leases.release("reverify", "T2:200");                        // not T2's to give back
  CHECK(leases.find("reverify")->holder == "T1:100");
  CHECK(leases.take("reverify", "T2:200", 1900, 2500));        // T1 died: run out at 1900
  leases.release("reverify", "T2:200");
  CHECK_FALSE(leases.find("reverify"));
}

TEST_CASE("The automatic re-verification is left to the terminal already doing it", "[lease]") {
  test::TempDir dir;
  DataFolder folder(dir.path());
  const std::int64_t now = std::time(nullptr);
  db::SiteLeases(folder.database()).take(kReverifyLease, "OTHER:1", now, now + 600);
  JobContext job;
  CHECK_FALSE(reverifyOncePerSite(folder.databaseLocation(), folder.dir(), "clerk1", job));

  // Free again: this terminal takes it, and gives it back even when the work fails (no linkage set up).
  db::SiteLeases(folder.database()).take(kReverifyLease, "OTHER:1", now, now);
  CHECK_THROWS_AS(reverifyOncePerSite(folder.databaseLocation(), folder.dir(), "clerk1", job), InvalidInput);
  CHECK_FALSE(db::SiteLeases(folder.database()).find(kReverifyLease));
}
