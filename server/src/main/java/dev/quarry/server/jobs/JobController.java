package dev.quarry.server.jobs;

import dev.quarry.server.auth.CurrentUser;
import dev.quarry.server.web.ApiException;
import java.util.List;
import java.util.Locale;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/jobs}: list, get, cancel and delete jobs of any type. */
@RestController
@RequestMapping("/api/v1/jobs")
public class JobController {

  private final JobService jobs;

  public JobController(JobService jobs) {
    this.jobs = jobs;
  }

  /** A page of jobs. */
  public record Page(List<JobView> items, int page, int size, long total) {}

  @GetMapping
  public Page list(
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String type,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "20") int size) {
    JobService.JobPage p = jobs.list(CurrentUser.get(), parseStatus(status), type, page, size);
    return new Page(p.items().stream().map(JobView::of).toList(), p.page(), p.size(), p.total());
  }

  @GetMapping("/{id}")
  public JobView get(@PathVariable String id) {
    return JobView.of(jobs.get(CurrentUser.get(), id));
  }

  @PostMapping("/{id}/cancel")
  public JobView cancel(@PathVariable String id) {
    return JobView.of(jobs.cancel(CurrentUser.get(), id));
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable String id) {
    jobs.delete(CurrentUser.get(), id);
    return ResponseEntity.noContent().build();
  }

  private static JobStatus parseStatus(String status) {
    if (status == null || status.isBlank()) {
      return null;
    }
    try {
      return JobStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("status must be one of " + List.of(JobStatus.values()), "status");
    }
  }
}
