package dev.quarry.server.usage;

import dev.quarry.server.auth.CurrentUser;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.web.ApiException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Usage per user and job type: jobs by status, rows and bytes processed. Everyone sees their own;
 * the all-users view is admin-only ({@code SecurityConfig} guards {@code /api/v1/users/**}).
 */
@RestController
@RequestMapping("/api/v1/users")
public class UsageController {

  private final UsageStore usage;

  public UsageController(UsageStore usage) {
    this.usage = usage;
  }

  @GetMapping("/me/stats")
  public UsageStats mine() {
    QuarryUser me = CurrentUser.get();
    return usage.forUser(me.id()).orElseThrow(() -> ApiException.notFound("no such user: " + me.id()));
  }

  @GetMapping("/stats")
  public List<UsageStats> everyone() {
    return usage.forAllUsers();
  }
}
