// Case: `defer func() { if r := recover(); r != nil { ... } }()` inside a loop body, where a panic ends the whole function; expected outcome: report only, no fix (wrapping would make the loop carry on after a panic).

package main

import "fmt"

func run(job int) {
	if job == 2 {
		panic(fmt.Sprint("job ", job, " failed"))
	}
	fmt.Println("ran job", job)
}

func runJobs(jobs []int) (done int) {
	for _, job := range jobs {
		defer func() {
			if r := recover(); r != nil {
				fmt.Println("recovered:", r)
			}
		}()
		run(job)
		done++
	}
	fmt.Println("all jobs ran")
	return done
}

func main() {
	fmt.Println("done:", runJobs([]int{1, 2, 3}))
	fmt.Println("done:", runJobs([]int{4, 5}))
}

// Output before fix:
// ran job 1
// recovered: job 2 failed
// done: 1
// ran job 4
// ran job 5
// all jobs ran
// done: 2

// Output:
// ran job 1
// recovered: job 2 failed
// done: 1
// ran job 4
// ran job 5
// all jobs ran
// done: 2
